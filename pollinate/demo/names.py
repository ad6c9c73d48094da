"""Name lists for demo people, grouped by family origin so households get names that belong together.

Written by hand for Pollinate (common names in United States school districts); no external source is
downloaded at run time. Each origin carries the home language a family from it may prefer, so guardians'
``preferred_language`` is plausible for the names they carry. Weights are rough shares of households.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Origin:
    key: str
    weight: int
    # Home language a family may prefer ("" means English); only some families of the origin set it.
    language: str
    given: tuple[str, ...]
    family: tuple[str, ...]


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


ORIGINS: tuple[Origin, ...] = (
    Origin(
        "us",
        38,
        "",
        _words(
            """
            Emma Olivia Ava Sophia Isabella Charlotte Amelia Harper Evelyn Abigail Emily Elizabeth Avery Ella
            Scarlett Grace Chloe Victoria Riley Aria Lily Aubrey Zoey Hannah Layla Brooklyn Nora Hazel Madison
            Ellie Paisley Audrey Skylar Violet Claire Bella Lucy Anna Caroline Genesis Kennedy Sadie Allison
            Gabriella Madelyn Cora Ruby Eva Serenity Autumn Naomi Quinn Jasmine Aaliyah Destiny Imani Nia
            Liam Noah William James Oliver Benjamin Elijah Lucas Mason Logan Alexander Ethan Jacob Michael
            Daniel Henry Jackson Sebastian Aiden Matthew Samuel David Joseph Carter Owen Wyatt John Jack Luke
            Jayden Dylan Grayson Levi Isaac Gabriel Julian Anthony Jaxon Lincoln Joshua Christopher Andrew
            Theodore Caleb Ryan Asher Nathan Thomas Leo Isaiah Charles Josiah Hudson Christian Hunter Connor
            Eli Ezra Aaron Landon Adrian Jonathan Nolan Jeremiah Easton Elias Colton Cameron Carson Robert
            Angel Maverick Nicholas Dominic Jaylen Malik Darius Terrell Andre Marcus Xavier Jamal Khalil
            """
        ),
        _words(
            """
            Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Thomas Moore Jackson Martin
            Thompson White Harris Clark Lewis Robinson Walker Young Allen King Wright Scott Hill Green Adams
            Baker Nelson Carter Mitchell Roberts Turner Phillips Campbell Parker Evans Edwards Collins Stewart
            Morris Murphy Cook Rogers Morgan Cooper Peterson Bailey Reed Kelly Howard Cox Ward Richardson Watson
            Brooks Wood James Bennett Gray Hughes Price Sanders Myers Long Ross Foster Powell Jenkins Perry
            Russell Sullivan Bell Coleman Butler Henderson Barnes Fisher Washington Simmons Patterson Jordan
            Reynolds Hamilton Graham Wallace West Cole Hayes Bryant Gibson Ellis Stevens Murray Ford Marshall
            Owens McDonald Harrison Kennedy Wells Dixon Robertson Black Daniels Palmer Mills Grant Hunt Holmes
            O'Brien O'Connor McCarthy Schmidt Mueller Olson Larsen Nowak Kowalski Russo Romano Ricci Bianchi
            """
        ),
    ),
    Origin(
        "hispanic",
        26,
        "es",
        _words(
            """
            Sofía María Valentina Camila Isabella Lucía Ximena Mariana Daniela Gabriela Valeria Natalia Ana
            Paula Renata Fernanda Andrea Alejandra Carolina Guadalupe Esperanza Luz Rosa Elena Adriana Jimena
            Catalina Victoria Abril Regina Yesenia Maribel Araceli Leticia Marisol
            Mateo Santiago Sebastián Diego Alejandro Miguel Ángel José Luis Carlos Juan Jorge Javier Emiliano
            Daniel Andrés Gabriel Leonardo Adrián Rafael Eduardo Fernando Ricardo Manuel Francisco Antonio
            Héctor Ernesto Joaquín Tomás Nicolás Iker Marco Rodrigo Raúl Julio Óscar Cristian Jesús Pedro
            """
        ),
        _words(
            """
            García Rodríguez Martínez Hernández López González Pérez Sánchez Ramírez Torres Flores Rivera Gómez
            Díaz Cruz Morales Reyes Gutiérrez Ortiz Ramos Chávez Mendoza Ruiz Álvarez Castillo Jiménez Vásquez
            Moreno Herrera Medina Aguilar Vargas Castro Guzmán Fernández Romero Soto Delgado Contreras Salazar
            Estrada Núñez Rojas Silva Ortega Domínguez Campos Vega Ríos Cabrera Navarro Mejía Ibarra Fuentes
            """
        ),
    ),
    Origin(
        "vietnamese",
        4,
        "vi",
        _words(
            """
            Linh Anh Mai Lan Thu Hoa Ngoc Trang Huong Vy Thao Nhi Phuong Quynh Tuyet Duc Minh Khoa Bao Long
            Huy Tuan Nam Quang Hieu Thanh Phong Vinh Dat Khang Tri Hung
            """
        ),
        _words("Nguyen Tran Le Pham Hoang Huynh Phan Vu Vo Dang Bui Do Ho Ngo Duong Ly Truong Dinh Lam Mai"),
    ),
    Origin(
        "chinese",
        4,
        "zh",
        _words(
            """
            Mei Xiu Ying Lian Jing Yan Hui Fang Ling Xin Yu Jia Qing Lei Wei Jun Hao Ming Tao Bo Chen Kai Yi
            Zhi Rui Hong Feng Jian
            """
        ),
        _words("Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Gao Luo Zheng Liang Xie"),
    ),
    Origin(
        "arabic",
        4,
        "ar",
        _words(
            """
            Fatima Aisha Mariam Layla Noor Yasmin Huda Salma Rania Zainab Amira Hana Leila Sara Dalia
            Omar Ali Ahmed Mohammed Yusuf Hassan Khalid Ibrahim Karim Tariq Samir Bilal Hamza Adam Zaid Rami
            """
        ),
        _words(
            """
            Haddad Khalil Hassan Ali Ahmed Mansour Nasser Saleh Abbas Aziz Farah Hamdan Jaber Khoury Mahmoud
            Najjar Qasim Rahman Sabbagh Taha Yousef Zayed
            """
        ),
    ),
    Origin(
        "somali",
        2,
        "so",
        _words("Hodan Ayaan Filsan Hibaaq Sagal Ifrah Nasra Ubah Abdi Mahad Liban Guled Farhan Abdirahman Bashir"),
        _words("Abdi Mohamed Hussein Warsame Farah Osman Jama Yusuf Egal Hirsi Ismail Nur Omar Aden"),
    ),
    Origin(
        "south_asian",
        4,
        "hi",
        _words(
            """
            Priya Ananya Diya Isha Kavya Meera Neha Riya Saanvi Aditi Pooja Anjali Lakshmi Divya Aarav Arjun
            Vihaan Rohan Aditya Ishaan Krishna Sanjay Rahul Vikram Nikhil Dev Raj Kiran Amit Harpreet
            """
        ),
        _words(
            """
            Patel Shah Singh Kumar Sharma Gupta Reddy Rao Iyer Nair Desai Mehta Joshi Chopra Malhotra Kapoor
            Agarwal Banerjee Chatterjee Das Khan Chaudhry Sandhu Gill
            """
        ),
    ),
    Origin(
        "korean",
        2,
        "ko",
        _words("Ji-woo Seo-yeon Min-ji Ha-eun Soo-ah Yuna Eun-ji Min-jun Seo-jun Do-yun Ji-ho Hyun-woo Joon Tae-yang"),
        _words("Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Han Shin Seo Kwon"),
    ),
    Origin(
        "filipino",
        2,
        "tl",
        _words("Maricel Jasmine Angelica Kristine Rowena Marites Princess Jericho Jomar Rommel Mark Paolo Jun Arnel"),
        _words("Santos Reyes Cruz Bautista Ocampo Garcia Mendoza Torres Villanueva Dizon Castillo Aquino Ramos"),
    ),
    Origin(
        "haitian",
        2,
        "ht",
        _words("Widline Nadège Fabienne Roseline Mirlande Sabine Jean Wilner Frantz Ricardo Emmanuel Stanley Pierre"),
        _words("Jean-Baptiste Pierre Joseph Louis Charles Desir Etienne Toussaint Cadet Noel Saint-Fleur Baptiste"),
    ),
    Origin(
        "slavic",
        2,
        "ru",
        _words("Anastasia Sofia Daria Polina Yulia Oksana Natalia Dmitri Ivan Mikhail Nikita Artem Maksim Oleksandr"),
        _words("Ivanov Petrov Smirnov Kuznetsov Popov Sokolov Volkov Morozov Novak Kovalenko Shevchenko Bondarenko"),
    ),
    Origin(
        "west_african",
        2,
        "",
        _words("Chiamaka Adaeze Ngozi Amara Folake Efua Abena Ama Chinedu Emeka Oluwaseun Kwame Kofi Tunde Obinna"),
        _words("Okafor Adeyemi Okonkwo Mensah Boateng Owusu Nwosu Adebayo Eze Oyelaran Asante Danso"),
    ),
    Origin(
        "hmong",
        1,
        "hmn",
        _words("Mai Pa Nou Yer Kia See Bao Pheng Tou Vang Cheng Chue Fue Lue"),
        _words("Vang Xiong Yang Lee Thao Moua Her Lor Vue Hang Khang Chang"),
    ),
)

# Employees of the district: names drawn the same way, without a household.
STAFF_ORIGIN_WEIGHTS = {o.key: (o.weight if o.key != "us" else o.weight * 2) for o in ORIGINS}

RELATIONSHIPS = ("mother", "father", "grandmother", "grandfather", "aunt", "uncle", "guardian", "stepparent")
